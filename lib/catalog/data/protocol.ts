import type { CatalogEntry } from "../types";

export const protocolCodes: CatalogEntry[] = [
  {
    code: 12001,
    family: "protocol",
    seedText: "数据解析失败",
    title: { zh: "数据解析失败", en: "Data parsing failed" },
    summary: {
      zh: "收到的数据无法按协议解析，被丢弃了。可能是数据在传输中损坏，或者 App 和设备固件的协议版本对不上。",
      en: "Received data could not be parsed according to the protocol and was discarded. The data may have been corrupted in transit, or the app and the device firmware speak different protocol versions.",
    },
    causes: [
      {
        title: { zh: "数据损坏或不完整", en: "Corrupted or incomplete data" },
        detail: {
          zh: "网络或信号问题导致数据被截断、损坏。",
          en: "Network or signal problems truncated or corrupted the data.",
        },
        howToTell: {
          zh: "零星出现，与网络不稳定的时段重合。",
          en: "Sporadic, coinciding with periods of unstable connectivity.",
        },
      },
      {
        title: { zh: "协议版本不匹配", en: "Protocol version mismatch" },
        detail: {
          zh: "App 或设备固件太旧（或太新），数据格式与对方预期不一致。",
          en: "The app or the device firmware is too old (or too new), so the data format is not what the other side expects.",
        },
        howToTell: {
          zh: "集中在某个设备型号/固件版本或某个 App 版本，可以稳定复现。",
          en: "Concentrated on one device model/firmware version or one app version, and reproducible.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户把 App 升级到最新版本，并在 App 里检查设备是否有固件更新；仍然出现的话请收集设备 ID 和 App 版本上报。",
      en: "Ask the user to update the app and check in the app for a device firmware update; if it persists, collect the device ID and app version and escalate.",
    },
    opsChecks: [
      {
        zh: "按设备型号、固件版本和 App 版本拆分 12001。",
        en: "Split 12001 by device model, firmware version and app version.",
      },
    ],
    escalateWhen: {
      zh: "集中在某个固件或 App 版本，或在发布后明显上升。",
      en: "It concentrates on one firmware or app version, or rises clearly after a release.",
    },
    relatedCodes: [102, 11001, 12004],
  },
  {
    code: 12002,
    family: "protocol",
    seedText: "签名不一致",
    title: { zh: "签名不一致", en: "Signature mismatch" },
    summary: {
      zh: "收到的数据签名和本地计算的结果不一致，数据被拒绝。常见于设备被重置、重新配网后本地密钥还是旧的，也可能是数据被篡改。",
      en: "The signature on received data does not match the one computed locally, so the data is rejected. Common after a device was reset or re-paired while the app still holds the old key; it can also mean the data was tampered with.",
    },
    causes: [
      {
        title: { zh: "本地密钥过期", en: "Stale local key" },
        detail: {
          zh: "设备重置或重新配网后换了密钥，App 里缓存的还是旧的。",
          en: "The device got a new key after a reset or re-pairing, but the app still caches the old one.",
        },
        howToTell: {
          zh: "只影响某一台设备，最近有过重置或重新配网；刷新设备列表后恢复。",
          en: "Only one device, recently reset or re-paired; refreshing the device list fixes it.",
        },
      },
      {
        title: { zh: "数据被篡改或重放", en: "Data tampered with or replayed" },
        detail: {
          zh: "局域网或网络中有设备修改、重放了数据。",
          en: "Something on the LAN or network modified or replayed the data.",
        },
        howToTell: {
          zh: "只在某个网络下出现；常与 12003 一起出现。",
          en: "Only on one network; often together with 12003.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户下拉刷新设备列表或重新登录；仍然不行的话移除设备后重新配网。",
      en: "Ask the user to refresh the device list or log in again; if that does not help, remove and re-pair the device.",
    },
    opsChecks: [
      {
        zh: "用设备 ID 查看最近的重置/重新配网记录，按设备型号和 App 版本拆分 12002。",
        en: "Look up the device ID for recent resets or re-pairings, and split 12002 by device model and app version.",
      },
    ],
    escalateWhen: {
      zh: "多个用户同时出现，或者设备没有重置过也持续出现。",
      en: "Several users at once, or it persists on devices that were never reset.",
    },
    relatedCodes: [11004, 12003],
  },
  {
    code: 12003,
    family: "protocol",
    seedText: "数据过期",
    title: { zh: "数据过期", en: "Data expired" },
    summary: {
      zh: "收到的数据时间戳超出了允许的范围，被当作过期数据丢弃。最常见的原因是手机（或设备）时间不准，也可能是旧数据被重放。",
      en: "The timestamp on the received data is outside the accepted window, so it is discarded as expired. The most common reason is a wrong clock on the phone (or device); it can also be old data being replayed.",
    },
    causes: [
      {
        title: { zh: "时间不准", en: "Clock skew" },
        detail: {
          zh: "手机或设备的时间和实际时间相差太多，正常的数据也被判定为过期。",
          en: "The phone's or device's clock is far off real time, so even fresh data is judged expired.",
        },
        howToTell: {
          zh: "同一用户反复出现；手机时间明显不对，常同时出现 104 或 50502。",
          en: "Repeats for the same user; the phone's time is clearly wrong, often together with 104 or 50502.",
        },
      },
      {
        title: { zh: "数据被重放", en: "Replayed data" },
        detail: {
          zh: "旧数据被再次发送（例如网络重发或被人重放）。",
          en: "Old data was sent again (a network retransmission or a deliberate replay).",
        },
        howToTell: {
          zh: "手机时间正确；常与 12002 一起出现。",
          en: "The phone's clock is correct; often comes with 12002.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户打开手机“设置 → 日期和时间”，开启“自动确定日期和时间”和自动时区，然后重启 App；设备时间不对的话把设备断电重启，让它重新同步时间。",
      en: "Ask the user to open Settings → Date & time, turn on automatic date & time and time zone, and restart the app; if the device's clock is off, power-cycle the device so it resyncs.",
    },
    opsChecks: [
      {
        zh: "对比上报的设备时间和服务器时间，统计时钟偏差；同时看 104、50502 是否一起上升。",
        en: "Compare the reported device time with server time to measure clock skew, and check whether 104 and 50502 are rising too.",
      },
    ],
    escalateWhen: {
      zh: "手机时间正确仍然大量出现，或多个用户同时出现。",
      en: "It occurs in bulk with correct phone clocks, or several users at once.",
    },
    relatedCodes: [104, 12002, 50502],
  },
  {
    code: 12004,
    family: "protocol",
    seedText: "协议号不存在",
    title: { zh: "协议号不存在", en: "Unknown protocol number" },
    summary: {
      zh: "收到的数据使用了一个本端不认识的协议号，无法处理。通常是 App 或设备固件版本太旧，不支持新的协议。",
      en: "The received data uses a protocol number this side does not know, so it cannot be handled. Usually the app or the device firmware is too old to support the newer protocol.",
    },
    causes: [
      {
        title: { zh: "App 版本太旧", en: "App too old" },
        detail: {
          zh: "设备或云端使用了新的协议号，旧版 App 不支持。",
          en: "The device or cloud uses a newer protocol number that an old app does not support.",
        },
        howToTell: {
          zh: "集中在旧的 App 版本上，升级 App 后消失。",
          en: "Concentrated on old app versions and gone after an app update.",
        },
      },
      {
        title: { zh: "设备固件太旧", en: "Device firmware too old" },
        detail: {
          zh: "App 发送了新协议号的数据，旧固件不认识。",
          en: "The app sends data with a newer protocol number that old firmware does not recognise.",
        },
        howToTell: {
          zh: "集中在某个设备型号的旧固件上，固件升级后消失。",
          en: "Concentrated on old firmware of one device model and gone after a firmware upgrade.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户把 App 升级到最新版本，并在 App 里检查设备固件升级。",
      en: "Ask the user to update the app and check in the app for a device firmware upgrade.",
    },
    opsChecks: [
      {
        zh: "按 App 版本、设备型号和固件版本拆分 12004，找出需要升级的组合。",
        en: "Split 12004 by app version, device model and firmware version to find the combinations that need upgrading.",
      },
    ],
    escalateWhen: {
      zh: "最新版本的 App 和固件仍然出现。",
      en: "It still occurs with the latest app and firmware.",
    },
    relatedCodes: [1102, 11001, 12001],
  },
];
