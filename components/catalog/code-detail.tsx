import Link from "next/link";

import { CopyButton } from "@/components/ui/copy-button";
import { plainText, RichText } from "@/components/ui/rich-text";
import type { CodeDetailDto } from "@/lib/catalog/dto";
import type { Locale, Messages } from "@/lib/i18n/messages";

/**
 * One code, laid out for someone on the phone with a user: what it means and what to say come
 * first, then the causes and how to tell them apart, then the checks for ops.
 */
export function CodeDetail({
  entry,
  locale,
  t,
}: {
  entry: CodeDetailDto;
  locale: Locale;
  t: Messages;
}) {
  const pick = (text: { zh: string; en: string } | undefined) => (
    <RichText text={text?.[locale] ?? ""} />
  );
  return (
    <article aria-labelledby="code-heading">
      <p>
        <Link href="/codes">← {t.code.back}</Link>
      </p>
      <header className="code-header">
        <h1 id="code-heading">
          <span className="code-number">{entry.code}</span>{" "}
          {entry.known ? entry.title[locale] : t.codes.unknownCode}
        </h1>
        <span className={entry.known ? "badge" : "badge badge-unknown"}>
          {t.family[entry.family]}
        </span>
      </header>
      <p className="lead">{entry.known ? pick(entry.summary) : t.codes.unknownCodeExplain}</p>

      {entry.supportAdvice && (
        <section aria-labelledby="tell-user">
          <h2 id="tell-user">{t.code.tellUser}</h2>
          <p className="tell-user">{pick(entry.supportAdvice)}</p>
          <p>
            <CopyButton text={plainText(entry.supportAdvice[locale])} what={t.code.copyTellUser} />
          </p>
          {entry.escalateWhen && (
            <p>
              <strong>{t.code.escalateWhen}: </strong>
              {pick(entry.escalateWhen)}
            </p>
          )}
        </section>
      )}

      {entry.causes.length > 0 && (
        <section aria-labelledby="causes">
          <h2 id="causes">{t.code.causes}</h2>
          <ol className="cause-list">
            {entry.causes.map((cause, index) => (
              <li key={index}>
                <h3>{pick(cause.title)}</h3>
                <p>{pick(cause.detail)}</p>
                {cause.howToTell && (
                  <p className="how-to-tell">
                    <strong>{t.code.howToTell}: </strong>
                    {pick(cause.howToTell)}
                  </p>
                )}
              </li>
            ))}
          </ol>
        </section>
      )}

      {entry.opsChecks.length > 0 && (
        <section aria-labelledby="ops-checks">
          <h2 id="ops-checks">{t.code.opsChecks}</h2>
          <ul>
            {entry.opsChecks.map((check, index) => (
              <li key={index}>{pick(check)}</li>
            ))}
          </ul>
        </section>
      )}

      {entry.exceptions && entry.exceptions.length > 0 && (
        <section aria-labelledby="exceptions">
          <h2 id="exceptions">{t.code.exceptions}</h2>
          <table className="exception-table">
            <thead>
              <tr>
                <th scope="col">{t.code.exceptionClass}</th>
                <th scope="col">{t.code.exceptionMessage}</th>
              </tr>
            </thead>
            <tbody>
              {entry.exceptions.map((exception, index) => (
                <tr key={index}>
                  <td>
                    <code>{exception.className}</code>
                  </td>
                  <td>
                    <code>{exception.message}</code>
                    {exception.note && <div>{pick(exception.note)}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <section aria-labelledby="seed-text" className="two-col">
        <div>
          <h2 id="seed-text">{t.code.seedText}</h2>
          <p lang="zh-CN">{entry.seedText}</p>
        </div>
        {entry.seedAnalysis && (
          <div>
            <h2>{t.code.seedAnalysis}</h2>
            {/* The seed separates causes with <br>; shown as line breaks, never as HTML. */}
            <p lang="zh-CN" className="seed-original">
              {entry.seedAnalysis.replace(/<br\s*\/?>/gi, "\n")}
            </p>
          </div>
        )}
      </section>

      {entry.relatedCodes.length > 0 && (
        <section aria-labelledby="related">
          <h2 id="related">{t.code.related}</h2>
          <ul className="related-list">
            {entry.relatedCodes.map((related) => (
              <li key={related.code}>
                <Link href={`/codes/${related.code}`}>
                  <strong>{related.code}</strong> {related.title[locale]}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
