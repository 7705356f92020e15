/**
 * Every interface string, in both languages. Catalogue content carries its own zh/en text;
 * this file holds only the chrome around it. Adding a key to `en` without `zh` fails typecheck.
 */
export const LOCALES = ["zh", "en"] as const;
export type Locale = (typeof LOCALES)[number];

const en = {
  appName: "codewatch",
  skipToContent: "Skip to content",
  nav: {
    label: "Main",
    overview: "Overview",
    codes: "Codes",
    incidents: "Incidents",
    settings: "Settings",
  },
  language: { label: "Language", zh: "中文", en: "English" },
  theme: { label: "Theme", system: "System", light: "Light", dark: "Dark" },
  notYet: {
    title: "Not built yet",
    overview:
      "Charts of how often each code happens, spikes and top movers arrive with telemetry ingestion. Until then, the code catalogue is ready.",
    incidents: "Alerts and incidents with a first diagnosis arrive with the alerting work.",
    settings:
      "Projects, API keys, users and notification channels arrive with accounts and alerting.",
    goToCodes: "Open the code catalogue",
  },
  codes: {
    title: "Error codes",
    intro:
      "Look a code up by its number, Chinese or English words, or the exception text from a log.",
    searchLabel: "Search codes",
    searchPlaceholder: "50502, 证书, SSLHandshakeException, unable to resolve host…",
    familyLabel: "Family",
    allFamilies: "All families",
    results: (n: number) => (n === 1 ? "1 code" : `${n} codes`),
    noResults: "No code matches. Try a number, fewer words, or another family.",
    loading: "Searching…",
    error: "The search failed. Try again in a moment.",
    unknownCode: "Unknown code",
    unknownCodeExplain:
      "This code arrived from the field but is not in the catalogue yet. Ask engineering what it means.",
  },
  code: {
    back: "All codes",
    seedText: "Text in the SDK table",
    seedAnalysis: "Cause analysis in the SDK table",
    tellUser: "What to tell the user",
    escalateWhen: "Escalate when",
    causes: "Likely causes",
    howToTell: "How to tell",
    opsChecks: "What ops should check",
    exceptions: "Exceptions behind this code",
    exceptionClass: "Class",
    exceptionMessage: "Message",
    related: "Related codes",
    notFound: "No such code",
    notFoundDetail: (code: string) =>
      `Code ${code} is not in the catalogue and has never been reported.`,
  },
  family: {
    general: "General",
    pairing: "Pairing",
    account: "Account",
    firmware: "Firmware",
    device: "Device status",
    command: "Commands",
    protocol: "Protocol",
    network: "Network",
    unknown: "Unknown",
  },
};

export type Messages = typeof en;

const zh: Messages = {
  appName: "codewatch",
  skipToContent: "跳到正文",
  nav: {
    label: "主导航",
    overview: "概览",
    codes: "错误码",
    incidents: "事件",
    settings: "设置",
  },
  language: { label: "语言", zh: "中文", en: "English" },
  theme: { label: "主题", system: "跟随系统", light: "浅色", dark: "深色" },
  notYet: {
    title: "尚未上线",
    overview:
      "各错误码的频次图表、突增和涨幅榜将随遥测接入一起上线。在此之前，错误码目录已可使用。",
    incidents: "告警与附带初步诊断的事件将随告警功能一起上线。",
    settings: "项目、API 密钥、用户与通知渠道将随账户与告警功能一起上线。",
    goToCodes: "打开错误码目录",
  },
  codes: {
    title: "错误码",
    intro: "可按错误码数字、中英文关键词或日志中的异常文本查找。",
    searchLabel: "搜索错误码",
    searchPlaceholder: "50502、证书、SSLHandshakeException、unable to resolve host…",
    familyLabel: "类别",
    allFamilies: "全部类别",
    results: (n: number) => `共 ${n} 个错误码`,
    noResults: "没有匹配的错误码。试试数字、更少的关键词或其他类别。",
    loading: "正在搜索…",
    error: "搜索失败，请稍后重试。",
    unknownCode: "未知错误码",
    unknownCodeExplain: "该错误码来自线上上报，但尚未收录进目录。请向研发确认其含义。",
  },
  code: {
    back: "全部错误码",
    seedText: "SDK 错误码表原文",
    seedAnalysis: "SDK 错误码表中的原因分析",
    tellUser: "如何告诉用户",
    escalateWhen: "何时升级",
    causes: "可能原因",
    howToTell: "如何区分",
    opsChecks: "运维排查项",
    exceptions: "对应的异常",
    exceptionClass: "异常类",
    exceptionMessage: "异常信息",
    related: "相关错误码",
    notFound: "没有这个错误码",
    notFoundDetail: (code: string) => `错误码 ${code} 不在目录中，也从未被上报过。`,
  },
  family: {
    general: "通用",
    pairing: "配网",
    account: "账户",
    firmware: "固件",
    device: "设备状态",
    command: "指令下发",
    protocol: "协议",
    network: "网络",
    unknown: "未知",
  },
};

export const messages: Record<Locale, Messages> = { zh, en };

export function isLocale(value: string | undefined): value is Locale {
  return value === "zh" || value === "en";
}

/** The locale for an Accept-Language header: Chinese when the browser prefers it, else English. */
export function localeFromAcceptLanguage(header: string | null): Locale {
  const first = header?.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : first === "" || first.startsWith("zh") ? "zh" : "en";
}

export const LOCALE_COOKIE = "cw-locale";
export const THEME_COOKIE = "cw-theme";
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];
