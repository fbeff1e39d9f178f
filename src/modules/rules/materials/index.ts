export * from './acceptance.ts';
export * from './photo-checklist.ts';
export * from './required.ts';
export * from './rules.ts';
