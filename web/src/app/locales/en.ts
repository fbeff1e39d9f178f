import { appEn } from './app.en.ts';
import { customerEn } from './customer.en.ts';
import type { zh } from './zh.ts';

export const en: typeof zh = { app: appEn, customer: customerEn };
