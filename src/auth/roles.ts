export const ROLES = ['reporter', 'analyst', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who may do what (docs/api.md): reporters write; analysts read; auditors read history and verify; admins do all. */
export const WRITE: readonly Role[] = ['reporter'];
export const READ: readonly Role[] = ['analyst', 'auditor'];
export const AUDIT: readonly Role[] = ['auditor'];

/** Whether a caller with `roles` may do what `allowed` may: admins may do all (docs/api.md). */
export const mayAct = (roles: readonly Role[], allowed: readonly Role[]): boolean => roles.includes('admin') || roles.some((role) => allowed.includes(role));

/** The authenticated caller, from the token's `sub` and `roles` claims. */
export interface Actor {
  readonly sub: string;
  readonly roles: readonly Role[];
}
