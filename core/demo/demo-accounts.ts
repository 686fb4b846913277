/** The demo practice's staff accounts, as documented in the README (data only: the e2e tests sign in with them). */
export const DEMO_ACCOUNTS = {
  front_desk: { username: 'desk', password: 'desk-demo', displayName: 'Dana Desk', role: 'front_desk' },
  manager: { username: 'manager', password: 'manager-demo', displayName: 'Morgan Manager', role: 'manager' },
} as const;
