export const ROLES = ['reporter', 'analyst', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who may do what (SPEC §5): reporters write; analysts read; auditors read history and verify; admins do all. */
export const WRITE: readonly Role[] = ['reporter'];
export const READ: readonly Role[] = ['analyst', 'auditor'];
export const AUDIT: readonly Role[] = ['auditor'];

/** The authenticated caller, from the token's `sub` and `roles` claims. */
export interface Actor {
  readonly sub: string;
  readonly roles: readonly Role[];
}
