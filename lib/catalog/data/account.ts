import type { CatalogEntry } from "../types";

export const accountCodes: CatalogEntry[] = [
  {
    code: 1100,
    family: "account",
    seedText: "手机号码不正确",
    title: { zh: "手机号码不正确", en: "Invalid phone number" },
    summary: {
      zh: "注册、登录或获取验证码时输入的手机号码不正确：格式不对，或者和所选的国家/地区对不上。",
      en: "The phone number entered to register, log in or get a verification code is not valid: the format is wrong or it does not match the selected country/region.",
    },
    causes: [
      {
        title: { zh: "号码输错", en: "Number mistyped" },
        detail: {
          zh: "位数不对、多输或少输了数字，或者带了空格、横线等字符。",
          en: "Too many or too few digits, or extra characters such as spaces or dashes.",
        },
      },
      {
        title: { zh: "国家/地区选错", en: "Wrong country/region" },
        detail: {
          zh: "所选的国家/地区代码和号码不一致，或者号码前又加了一遍国家码或开头的 0。",
          en: "The selected country/region code does not match the number, or the number repeats the country code or keeps a leading 0.",
        },
        howToTell: {
          zh: "用户在国外或者用的是外地/外国号码；号码本身没错。",
          en: "The user is abroad or uses a foreign number; the number itself is correct.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户检查页面上选择的国家/地区，重新输入手机号，去掉空格、开头的 0 和重复的国家码。",
      en: "Ask the user to check the selected country/region and re-enter the number without spaces, a leading 0 or a repeated country code.",
    },
    opsChecks: [
      {
        zh: "如果 1100 突然大量出现，按国家/地区拆分，检查号码校验规则和最近的发布。",
        en: "If 1100 surges, split it by country/region and check the number validation rules and recent releases.",
      },
    ],
    escalateWhen: {
      zh: "号码确认无误仍然报错，或者某个国家/地区的用户大量出现。",
      en: "A verified-correct number is still rejected, or many users from one country/region are affected.",
    },
    relatedCodes: [1101],
  },
  {
    code: 1101,
    family: "account",
    seedText: "验证码不正确",
    title: { zh: "验证码不正确", en: "Incorrect verification code" },
    summary: {
      zh: "输入的短信或邮件验证码不正确，可能是输错了、已经过期，或者用的是之前收到的旧验证码。",
      en: "The SMS or e-mail verification code entered is not accepted: it was mistyped, has expired, or is an older code from an earlier request.",
    },
    causes: [
      {
        title: { zh: "验证码输错", en: "Code mistyped" },
        detail: {
          zh: "数字输错或漏输。",
          en: "Digits were mistyped or left out.",
        },
      },
      {
        title: { zh: "验证码过期或不是最新的", en: "Code expired or not the latest" },
        detail: {
          zh: "验证码有有效期；多次点击获取时，通常只有最后一条有效。",
          en: "Codes expire after a while; when the user requested several, usually only the last one is valid.",
        },
        howToTell: {
          zh: "用户收到了好几条验证码，或者隔了很久才输入；短信延迟到达时也会这样。",
          en: "The user received several codes, or entered it long after it arrived; slow SMS delivery leads to the same thing.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户重新获取一次验证码，收到后尽快输入最新的那一条；如果一直收不到或很晚才收到，换用邮箱验证或稍后再试。",
      en: "Ask the user to request a new code and enter the latest one promptly; if codes arrive late or not at all, try e-mail verification or wait a little and retry.",
    },
    opsChecks: [
      {
        zh: "检查短信/邮件通道的送达率和延迟，按国家/地区和运营商拆分（送达慢会导致用户输入过期验证码）。",
        en: "Check SMS/e-mail delivery rate and latency by country/region and carrier (slow delivery makes users enter expired codes).",
      },
    ],
    escalateWhen: {
      zh: "某个国家/地区或运营商的用户大量出现，或者用户输入刚收到的验证码仍然失败。",
      en: "Many users in one country/region or on one carrier, or a freshly received code is still rejected.",
    },
    relatedCodes: [1100],
  },
  {
    code: 1102,
    family: "firmware",
    seedText: "升级错误",
    title: { zh: "固件升级失败", en: "Firmware upgrade failed" },
    summary: {
      zh: "设备的固件升级（OTA）没有完成。通常是升级过程中设备掉线、信号太弱或者断电。",
      en: "The device's firmware upgrade (OTA) did not complete. Usually the device went offline, had too weak a signal, or lost power during the upgrade.",
    },
    causes: [
      {
        title: { zh: "升级中设备掉线", en: "Device went offline during the upgrade" },
        detail: {
          zh: "设备和路由器或云端的连接在下载、写入固件时断开。",
          en: "The device lost its connection to the router or cloud while downloading or writing the firmware.",
        },
        howToTell: {
          zh: "同一时段该设备有 10202 或 10203；设备离路由器/网关较远。",
          en: "The device shows 10202 or 10203 around the same time; it is far from the router or gateway.",
        },
      },
      {
        title: { zh: "断电或电量不足", en: "Power loss or low battery" },
        detail: {
          zh: "升级过程中设备被断电，或者电池设备电量太低。",
          en: "The device was unplugged during the upgrade, or a battery-powered device was low on charge.",
        },
      },
      {
        title: { zh: "固件版本本身有问题", en: "Problem with the firmware release" },
        detail: {
          zh: "某个固件版本的升级包或升级流程有缺陷，很多设备都升级失败。",
          en: "A firmware release has a faulty package or upgrade flow, so many devices fail to upgrade.",
        },
        howToTell: {
          zh: "失败集中在同一个目标固件版本/设备型号，且在该版本推送后开始。",
          en: "Failures concentrate on one target firmware version or device model and start when that version is rolled out.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户确认设备在线、靠近路由器或网关、供电稳定（电池设备先充满电），升级期间不要断电或关闭 App，然后重新升级。",
      en: "Ask the user to make sure the device is online, close to the router or gateway and on stable power (charge battery devices first), not to unplug it or close the app during the upgrade, and then retry.",
    },
    opsChecks: [
      {
        zh: "按目标固件版本和设备型号统计升级失败率。",
        en: "Compute upgrade failure rates by target firmware version and device model.",
      },
      {
        zh: "确认固件包能正常下载（CDN 可用、文件完整）。",
        en: "Confirm the firmware package downloads correctly (CDN reachable, file intact).",
      },
    ],
    escalateWhen: {
      zh: "某个固件版本大面积升级失败，或设备升级后无法启动、一直离线。",
      en: "Widespread failures for one firmware version, or devices that no longer boot or stay offline after the upgrade.",
    },
    relatedCodes: [10201, 10202, 10203, 12004],
  },
];
