/** Password limits, in a module without server dependencies so forms can import them. */
export const MIN_PASSWORD_LENGTH = 12;
