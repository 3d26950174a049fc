/** The events collections (database/events.json). */
export const EV = {
  events: 'events',
  signups: 'event_signups',
  teams: 'event_teams',
  results: 'event_results',
  history: 'event_history',
  announcements: 'event_announcements',
  leads: 'event_unit_leads',
} as const

export const SIGNUP_KIND = 'event.signup'

/** The page a message or a list opens for one event. */
export const eventPage = (eventId: string): string => `packages/events/detail/index?id=${eventId}`

