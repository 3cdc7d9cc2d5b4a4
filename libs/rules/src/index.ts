/**
 * The domain's pure rules: status machine, traffic light, deadlines, reminder policy, working days,
 * zoned time, calendar feeds and the shared vocabulary. No framework or database import may enter
 * here (ESLint refuses one), so the API, the worker, the reports and the web app all use these same rules.
 */
export * from './users/user-vocabulary';
export * from './reports/report-vocabulary';
export * from './work-items/work-item-status';
export * from './work-items/traffic-light';
export * from './work-items/work-item-transitions';
export * from './work-items/progress-roll-up';
export * from './work-items/deadline-standing';
export * from './reminders';
export * from './calendar';
export * from './search/search-terms';
export * from './input';
export * from './auth';
export * from './supervision';
export * from './forms/form-changes';
export * from './audit/audit-actions';
