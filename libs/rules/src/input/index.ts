export * from './safe-input';
