import { ConfigurableModuleBuilder } from '@nestjs/common';
import { ETAG_MODULE_OPTIONS_TOKEN } from './etag.constants.js';
import type { EtagModuleOptions } from './options/etag-options.interface.js';

export const {
  ConfigurableModuleClass: ConfigurableEtagModule,
  MODULE_OPTIONS_TOKEN: ETAG_MODULE_OPTIONS,
  OPTIONS_TYPE: ETAG_MODULE_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: ETAG_MODULE_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<EtagModuleOptions>({ optionsInjectionToken: ETAG_MODULE_OPTIONS_TOKEN })
  .setClassMethodName('forRoot')
  // Not global unless asked: an app opts in, as with ConfigModule.
  .setExtras({ isGlobal: false }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
  .build();
