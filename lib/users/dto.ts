import type { Role } from "../auth/constants";

export interface UserDto {
  id: string;
  email: string;
  name: string;
  role: Role | null;
  disabled: boolean;
  createdAt: string;
}
