import { isStorableText } from '../common/plain-values.js';
import { characterCount, hasVisibleText } from '../sources/domain/source-key.js';

export const ROLES = ['reporter', 'analyst', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who may do what (docs/api.md): reporters write; analysts read; auditors read history and verify; admins do all. */
export const WRITE: readonly Role[] = ['reporter'];
export const READ: readonly Role[] = ['analyst', 'auditor'];
export const AUDIT: readonly Role[] = ['auditor'];

/** Whether a caller with `roles` may do what `allowed` may: admins may do all (docs/api.md). */
export const mayAct = (roles: readonly Role[], allowed: readonly Role[]): boolean => roles.includes('admin') || roles.some((role) => allowed.includes(role));

/**
 * A token's `sub` is who the events it writes name (their envelope's `actor`): text every layer can
 * store (no NUL, no unpaired UTF-16 surrogate) with at least one visible character. The server's
 * token check and the CLI that issues tokens both apply it.
 */
export const isSubject = (value: unknown): value is string => isStorableText(value) && hasVisibleText(value) && characterCount(value) <= MAX_SUBJECT_LENGTH;
/** The longest `sub`, in characters (`characterCount`): every event the token writes carries it. */
export const MAX_SUBJECT_LENGTH = 256;
export const SUBJECT_RULE = `must hold a visible character, at most ${MAX_SUBJECT_LENGTH} characters, and no NUL characters or unpaired UTF-16 surrogates`;

/** The authenticated caller, from the token's `sub` and `roles` claims. */
export interface Actor {
  readonly sub: string;
  readonly roles: readonly Role[];
}
