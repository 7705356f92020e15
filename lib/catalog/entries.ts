/** Every catalogue entry, in code order. */
import { accountCodes } from "./data/account";
import { commandCodes } from "./data/command";
import { deviceCodes } from "./data/device";
import { generalCodes } from "./data/general";
import { networkCodes } from "./data/network";
import { pairingCodes } from "./data/pairing";
import { protocolCodes } from "./data/protocol";
import type { CatalogEntry } from "./types";

export const catalogEntries: readonly CatalogEntry[] = [
  ...generalCodes,
  ...pairingCodes,
  ...accountCodes,
  ...deviceCodes,
  ...commandCodes,
  ...protocolCodes,
  ...networkCodes,
].sort((a, b) => a.code - b.code);
