import { Fragment } from "react";

/**
 * Catalogue text marks commands and log text with `backticks`; they are shown as code so a
 * reader can tell the exact text to type or look for. Everything else stays plain text: no
 * HTML from data is ever rendered.
 */
export function RichText({ text }: { text: string }) {
  const parts = text.split("`");
  // An odd number of parts means the backticks pair up; otherwise show the text as written.
  if (parts.length % 2 === 0) return <>{text}</>;
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? <code key={index}>{part}</code> : <Fragment key={index}>{part}</Fragment>,
      )}
    </>
  );
}

/** The text as RichText shows it, for copying: paired backticks dropped, the words kept. */
export function plainText(text: string): string {
  const parts = text.split("`");
  return parts.length % 2 === 0 ? text : parts.join("");
}
