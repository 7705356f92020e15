import { problemResponse } from "@/lib/http/problem";

/**
 * Any other path under /api (a typo, `..` or an encoded slash in a parameter): a 404 in the
 * API's own problem+json, not the HTML page Next.js renders for an unknown page.
 */
function notFound(): Response {
  return problemResponse(404, "No such endpoint.");
}

export {
  notFound as DELETE,
  notFound as GET,
  notFound as PATCH,
  notFound as POST,
  notFound as PUT,
};
