import { readCatalogue } from "@/lib/auth/access-rules";
import { otherMethods } from "@/lib/http/methods";
import { apiRoute, json } from "@/lib/http/route";
import { getDiagnosis } from "@/lib/stats/diagnosis";
import { diagnosisQuery } from "@/lib/stats/params";

/** The likely causes of a surge of one code, with their evidence (docs/diagnosis.md). */
export const GET = apiRoute(
  { auth: readCatalogue, query: diagnosisQuery },
  async ({ query, principal }) => json(await getDiagnosis(principal, query)),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
