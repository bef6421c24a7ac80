import { TypeOrmExampleModule } from '../../examples/typeorm/typeorm-example.module.js';
import { describeExample } from './example-suite.js';

describeExample({ name: 'TypeORM', module: (url) => TypeOrmExampleModule.forDatabase(url) });
