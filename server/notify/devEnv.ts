/**
 * Template ids for the LOCAL cloud (npm start): placeholders, so that the demo's captured subscribe
 * messages (/dev/outbox) show up. Used only when no `notify_config/templates` document exists; tests
 * seed that document themselves. Production ids come from that document or from each function's env.
 */
export const LOCAL_NOTIFY_ENV = {
  GHT_TEMPLATE_IDS: JSON.stringify({
    reviewTodo: 'local-tpl-review-todo',
    reviewResult: 'local-tpl-review-result',
    eventSignup: 'local-tpl-event-signup',
    eventChange: 'local-tpl-event-change',
    eventReminder: 'local-tpl-event-reminder',
    aidProgress: 'local-tpl-aid-progress',
  }),
  GHT_MINIPROGRAM_STATE: 'developer',
} as const
