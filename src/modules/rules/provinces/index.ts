export * from './rules.ts';
export * from './table.ts';
export * from './types.ts';
