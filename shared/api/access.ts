/**
 * Who may call what. Every contract method names its access level, and the core's dispatch
 * enforces it (the UI hiding a button is a convenience, not the control).
 *  - public: before sign-in (the app's name, the sign-in itself).
 *  - staff: any signed-in user, front desk or manager.
 *  - manager: managers only.
 */
export const ROLES = ['front_desk', 'manager'] as const;
export type Role = (typeof ROLES)[number];

export type Access = 'public' | 'staff' | 'manager';

export type AccessMap<Inputs> = { readonly [M in keyof Inputs]: Access };

export const ROLE_LABELS: Record<Role, string> = { front_desk: 'Front desk', manager: 'Office manager' };

export function roleMayCall(role: Role, access: Access): boolean {
  return access !== 'manager' || role === 'manager';
}
