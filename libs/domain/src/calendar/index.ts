export * from './ics-feed';
