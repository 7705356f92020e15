/**
 * The methods a route file does not serve, answered 405 in problem+json with `Allow` (RFC 9110
 * §15.5.6) instead of Next.js's empty 405. A route file spreads them next to its own handlers:
 * `export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");`
 */
import { problemResponse } from "./problem";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

export function otherMethods(...served: Method[]): Record<Method, () => Response> {
  const allow = [...served, ...(served.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const refuse = () =>
    problemResponse(405, `This endpoint answers ${served.join(" and ")} only.`, {
      slug: "method-not-allowed",
      headers: { allow },
    });
  return Object.fromEntries(METHODS.map((m) => [m, refuse])) as Record<Method, () => Response>;
}
