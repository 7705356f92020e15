/** While the incident is read on the server: its header's place, the chart's and the panels'. */
export default function Loading() {
  return (
    <div aria-busy="true">
      <div className="skeleton" style={{ height: 40, maxWidth: 480 }} />
      <div className="skeleton" style={{ height: 120 }} />
      <div className="skeleton" style={{ height: 260 }} />
    </div>
  );
}
