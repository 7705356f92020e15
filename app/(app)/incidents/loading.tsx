/** While the incidents page's server part renders: the heading's place and the list's. */
export default function Loading() {
  return (
    <div aria-busy="true">
      <div className="skeleton" style={{ height: 40, maxWidth: 320 }} />
      <div className="skeleton" style={{ height: 160 }} />
      <div className="skeleton" style={{ height: 160 }} />
    </div>
  );
}
