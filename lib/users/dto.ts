import type { Role } from "../auth/roles";

export interface UserDto {
  id: string;
  email: string;
  name: string;
  role: Role | null;
  disabled: boolean;
  createdAt: string;
}
