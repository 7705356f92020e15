import { redirect } from "next/navigation";

/** /alerting opens on its first tab. */
export default function Alerting() {
  redirect("/alerting/rules");
}
