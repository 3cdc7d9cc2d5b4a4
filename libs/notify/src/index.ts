export * from './email.channel';
export * from './message';
export * from './notification-delivery.error';
export * from './webhook-signature';
export * from './webhook.channel';
export * from './send-options';
export * from './webhook-address';
export * from './delivery-failure-reason';
