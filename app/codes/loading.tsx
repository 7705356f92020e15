export default function Loading() {
  return (
    <p role="status" aria-live="polite">
      …
    </p>
  );
}
