import type { CatalogEntry } from "../types";

export const commandCodes: CatalogEntry[] = [
  {
    code: 11001,
    family: "command",
    seedText: "下发的 command 格式有误",
    title: { zh: "下发的指令格式有误", en: "Command format is invalid" },
    summary: {
      zh: "App 发给设备的控制指令格式不对，没有被接受。一般是指令里的功能点（DP）或取值和设备定义的不一致。",
      en: "The control command the app sent to the device has an invalid format and was rejected. Usually a data point (DP) or value in the command does not match the device's definition.",
    },
    causes: [
      {
        title: { zh: "功能点或取值不对", en: "Wrong data point or value" },
        detail: {
          zh: "值的类型或范围和功能点定义不一致，例如布尔值传成了字符串、数值超出范围。",
          en: "The value's type or range does not match the data point definition, for example a string sent for a boolean or a number out of range.",
        },
        howToTell: {
          zh: "每次都在同一个操作上出现，可以稳定复现。",
          en: "It happens on the same action every time and reproduces reliably.",
        },
      },
      {
        title: { zh: "App 与设备定义不一致", en: "App and device definitions out of sync" },
        detail: {
          zh: "设备的功能定义更新了，App 或控制面板还是旧的。",
          en: "The device's function definition was updated while the app or control panel is still on an old version.",
        },
        howToTell: {
          zh: "集中在某个 App/面板版本或某个设备型号上。",
          en: "Concentrated on one app/panel version or one device model.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户把 App 升级到最新版本，重新打开设备页面后再试；如果仍然出现，请收集设备 ID、操作步骤和截图上报。",
      en: "Ask the user to update the app, reopen the device page and retry; if it persists, collect the device ID, the steps and a screenshot and escalate.",
    },
    opsChecks: [
      {
        zh: "对照设备产品的功能点（DP）定义和实际下发的内容。",
        en: "Compare the command actually sent with the data point (DP) definition of the device's product.",
      },
      {
        zh: "按 App 版本、面板版本和设备型号拆分 11001。",
        en: "Split 11001 by app version, panel version and device model.",
      },
    ],
    escalateWhen: {
      zh: "可以稳定复现，或者在某个 App/面板版本发布后集中出现。",
      en: "It reproduces reliably, or it appears in bulk after an app or panel release.",
    },
    relatedCodes: [11009, 12001, 12004],
  },
  {
    code: 11002,
    family: "command",
    seedText: "设备已被移除",
    title: { zh: "设备已被移除", en: "Device has been removed" },
    summary: {
      zh: "指令要发给的设备已经不在这个账号或家庭里了，通常是家庭里的其他成员（或管理员）把它移除了。",
      en: "The device the command was meant for is no longer in this account or home; usually another member (or the home's admin) removed it.",
    },
    causes: [
      {
        title: { zh: "被其他成员移除", en: "Removed by another member" },
        detail: {
          zh: "家庭里的其他成员或管理员删除了设备，或者撤回了共享，而当前手机上的设备列表还没刷新。",
          en: "Another member or the admin deleted the device or revoked sharing, while this phone's device list has not refreshed yet.",
        },
        howToTell: {
          zh: "刷新设备列表后设备消失；家里其他人确认操作过。",
          en: "The device disappears after refreshing the list; another household member confirms removing it.",
        },
      },
      {
        title: { zh: "设备被重置或重新配网", en: "Device reset or re-paired" },
        detail: {
          zh: "设备被重置后配到了别的账号或家庭。",
          en: "The device was reset and paired to a different account or home.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户下拉刷新设备列表，并问问家庭里的其他成员或管理员是否移除过设备；还需要使用的话，请管理员重新共享，或者重置设备后重新配网。",
      en: "Ask the user to pull to refresh the device list and check with other home members or the admin whether the device was removed; to keep using it, have the admin share it again, or reset and re-pair the device.",
    },
    opsChecks: [
      {
        zh: "用设备 ID 查询设备当前所属的账号/家庭和最近的移除记录。",
        en: "Look up the device ID for its current account/home and recent removal records.",
      },
    ],
    escalateWhen: {
      zh: "没有任何人移除过设备却出现 11002，或者多个用户的设备同时“被移除”。",
      en: 'Nobody removed the device yet 11002 appears, or devices of several users are "removed" at once.',
    },
    relatedCodes: [1002, 10203],
  },
  {
    code: 11004,
    family: "command",
    seedText: "签名有误",
    title: { zh: "签名有误", en: "Invalid signature" },
    summary: {
      zh: "下发的指令签名校验没有通过，指令被拒绝。通常是 App 本地保存的设备信息或密钥和实际不一致，或者请求在途中被改动了。",
      en: "The command's signature did not verify, so it was rejected. Usually the device information or key stored in the app no longer matches, or the request was altered on the way.",
    },
    causes: [
      {
        title: { zh: "本地设备信息过期", en: "Stale device information in the app" },
        detail: {
          zh: "设备被重置或重新配网后，App 里缓存的设备信息/密钥还是旧的，签名对不上。",
          en: "After the device was reset or re-paired, the app still holds the old cached device information or key, so the signature does not match.",
        },
        howToTell: {
          zh: "只影响某一台设备；刷新设备列表或重新登录后恢复。",
          en: "Only one device is affected; refreshing the device list or logging in again fixes it.",
        },
      },
      {
        title: { zh: "请求被改动", en: "Request altered in transit" },
        detail: {
          zh: "网络中的代理或抓包工具修改了请求内容。",
          en: "A proxy or traffic-inspection tool on the network modified the request.",
        },
        howToTell: {
          zh: "只在某个网络下出现，关闭代理/VPN 或换网络后恢复。",
          en: "Only on one network; it clears after turning off the proxy/VPN or changing networks.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户下拉刷新设备列表，或退出后重新登录；仍然不行的话关闭代理/VPN 再试，最后可以移除设备后重新配网。",
      en: "Ask the user to refresh the device list or log out and back in; if that does not help, turn off any proxy/VPN and retry, and as a last resort remove and re-pair the device.",
    },
    opsChecks: [
      {
        zh: "按 App 版本和设备型号拆分 11004，查看是否在某次发布后开始。",
        en: "Split 11004 by app version and device model and check whether it began after a release.",
      },
    ],
    escalateWhen: {
      zh: "多个用户同时出现，或者在发布后集中出现。",
      en: "Several users at once, or a concentration after a release.",
    },
    relatedCodes: [12002, 12003],
  },
  {
    code: 11005,
    family: "command",
    seedText: "下发失败",
    title: { zh: "指令下发失败", en: "Command could not be sent" },
    summary: {
      zh: "控制指令没能送达设备。最常见的原因是设备不在线，或者手机当时网络不好。",
      en: "The control command did not reach the device. The most common reasons are that the device is offline or the phone's connection was poor at the time.",
    },
    causes: [
      {
        title: { zh: "设备不在线", en: "Device offline" },
        detail: {
          zh: "设备在局域网和/或云端不在线，指令无处可送。",
          en: "The device is offline on the LAN and/or in the cloud, so there is nowhere to send the command.",
        },
        howToTell: {
          zh: "同一时段有 10201、10202 或 10203；App 里设备显示离线。",
          en: "10201, 10202 or 10203 appear around the same time; the app shows the device as offline.",
        },
      },
      {
        title: { zh: "手机网络不好", en: "Poor phone connection" },
        detail: {
          zh: "手机网络中断或太慢，指令没发出去。",
          en: "The phone's connection dropped or was too slow, so the command never went out.",
        },
        howToTell: {
          zh: "同一时段有 505xx 网络错误；其他设备也控制不了。",
          en: "505xx network codes appear at the same time; other devices cannot be controlled either.",
        },
      },
      {
        title: { zh: "设备没有响应", en: "Device did not respond" },
        detail: {
          zh: "设备在线但忙碌或信号差，没有确认收到指令。",
          en: "The device is online but busy or on a weak signal and did not acknowledge the command.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户确认设备在 App 里显示在线、手机网络正常，然后再试一次；设备离线的话按“设备不在线”的步骤处理。",
      en: "Ask the user to check the device shows as online in the app and the phone is online, then retry; if the device is offline, follow the steps for the device-offline codes.",
    },
    opsChecks: [
      {
        zh: "用设备 ID 查看下发时刻设备是否在线。",
        en: "Look up the device ID to see whether it was online when the command was sent.",
      },
      {
        zh: "查看下发通道的错误率和延迟，按地区拆分。",
        en: "Check the command delivery path's error rate and latency by region.",
      },
    ],
    escalateWhen: {
      zh: "设备在线、网络正常仍大量下发失败，或者多个用户同时出现。",
      en: "Commands fail in bulk while devices are online and networks are fine, or several users are affected at once.",
    },
    relatedCodes: [10201, 10202, 10203, 11001],
  },
  {
    code: 11009,
    family: "command",
    seedText: "下发数据为空",
    title: { zh: "下发数据为空", en: "Command payload is empty" },
    summary: {
      zh: "App 要下发的指令里没有任何数据，所以没有发出去。这通常是 App 或控制面板的缺陷，不是用户操作的问题。",
      en: "The command the app tried to send contained no data, so it was not sent. This is usually a defect in the app or control panel, not something the user did.",
    },
    causes: [
      {
        title: { zh: "App/面板缺陷", en: "App or panel defect" },
        detail: {
          zh: "某个操作在生成指令时没有填入数据。",
          en: "An action built its command without filling in any data.",
        },
        howToTell: {
          zh: "可以在同一个操作上稳定复现，集中在某个 App/面板版本。",
          en: "Reproduces reliably on the same action, concentrated on one app/panel version.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户把 App 升级到最新版本后再试；如果仍然出现，请收集设备 ID、App 版本和操作步骤上报。",
      en: "Ask the user to update the app and retry; if it persists, collect the device ID, app version and steps and escalate.",
    },
    opsChecks: [
      {
        zh: "按 App 版本、面板版本和设备型号拆分 11009，找到出问题的操作。",
        en: "Split 11009 by app version, panel version and device model to find the failing action.",
      },
    ],
    escalateWhen: {
      zh: "可以复现时即可上报给研发。",
      en: "Escalate to engineering as soon as it can be reproduced.",
    },
    relatedCodes: [11001],
  },
];
