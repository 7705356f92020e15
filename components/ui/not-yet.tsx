import Link from "next/link";

/** A page whose feature is not built yet says so plainly and points to what works. */
export function NotYet(props: { heading: string; title: string; body: string; linkLabel: string }) {
  return (
    <>
      <h1>{props.heading}</h1>
      <section className="panel" aria-labelledby="not-yet-title">
        <h2 id="not-yet-title">{props.title}</h2>
        <p>{props.body}</p>
        <p>
          <Link href="/codes">{props.linkLabel}</Link>
        </p>
      </section>
    </>
  );
}
