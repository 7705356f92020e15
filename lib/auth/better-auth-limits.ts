/** Password and sign-in limits, in a module without server dependencies so forms can import them. */
export const MIN_PASSWORD_LENGTH = 12;
/** Sign-in attempts per client address and minute. */
export const SIGN_IN_ATTEMPTS_PER_MINUTE = 5;
