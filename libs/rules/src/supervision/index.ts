export * from './deadline-rule';
export * from './supervision-policy';
export * from './evidence-types';
export * from './completion-review';
