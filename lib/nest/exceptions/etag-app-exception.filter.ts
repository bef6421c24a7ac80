import { Catch, Injectable } from '@nestjs/common';
import { EtagExceptionFilter } from './etag-exception.filter.js';
import { EtagConditionException } from './etag.exceptions.js';

/**
 * The filter as the module registers it app-wide, for the module's exceptions a service throws on an undecorated
 * route: those only. The ORMs' conflict errors are answered on decorated routes alone (where the filter is bound
 * with the guard), so that elsewhere they stay Nest's and the app's own filters', whatever their order.
 */
@Catch(EtagConditionException)
@Injectable()
export class EtagAppExceptionFilter extends EtagExceptionFilter {}
