// placeholder, replaced by the sign-in work
export class SessionStore {}
