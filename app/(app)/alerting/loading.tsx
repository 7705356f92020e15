/** While an alerting page's server part renders. */
export default function Loading() {
  return (
    <div aria-busy="true">
      <div className="skeleton" style={{ height: 40, maxWidth: 320 }} />
      <div className="skeleton" style={{ height: 200 }} />
    </div>
  );
}
