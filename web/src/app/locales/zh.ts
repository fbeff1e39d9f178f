import { appZh } from './app.zh.ts';
import { customerZh } from './customer.zh.ts';

export const zh = { app: appZh, customer: customerZh };
