/** The street-wide sports afternoon the events benches sign people up for: open now, two days ahead. */
export function sportsAfternoon(capacity: number, now = Date.now()) {
  return {
    title: '职工趣味运动会',
    kind: 'sports',
    place: '望京体育馆',
    startAt: new Date(now + 2 * 86400_000),
    endAt: new Date(now + 2 * 86400_000 + 3 * 3600_000),
    signupOpensAt: new Date(now - 3600_000),
    signupClosesAt: new Date(now + 86400_000),
    capacity,
    scope: 'subtree',
  }
}
