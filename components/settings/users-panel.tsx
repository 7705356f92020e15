"use client";

import { useI18n } from "@/components/providers";
import { TableScroll } from "@/components/ui/table-scroll";
import { MIN_PASSWORD_LENGTH, ROLES, type Role } from "@/lib/auth/constants";

import { useCreateUser, useUpdateUser, useUsers } from "./api";
import { MutationError } from "./mutation-error";

export function UsersPanel() {
  const { t } = useI18n();
  const users = useUsers();
  const create = useCreateUser();
  const update = useUpdateUser();
  return (
    <section aria-labelledby="users-heading">
      <h2 id="users-heading">{t.settings.users}</h2>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          const formElement = event.currentTarget;
          const form = new FormData(formElement);
          create.mutate(
            {
              email: String(form.get("email")),
              role: String(form.get("role")) as Role,
              password: String(form.get("password")),
            },
            { onSuccess: () => formElement.reset() },
          );
        }}
      >
        <label className="field">
          {t.settings.userEmail}
          <input name="email" type="email" required autoComplete="off" />
        </label>
        <label className="field">
          {t.settings.userRole}
          <select name="role" defaultValue="support">
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t.roles[role]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t.settings.userPassword}
          <input
            name="password"
            type="password"
            required
            minLength={MIN_PASSWORD_LENGTH}
            autoComplete="new-password"
          />
        </label>
        <button type="submit" className="button-primary">
          {t.settings.createUser}
        </button>
      </form>
      <MutationError error={create.error ?? update.error} />
      {users.data && (
        <TableScroll label={t.settings.users}>
          <table className="data-table">
            <caption className="visually-hidden">{t.settings.users}</caption>
            <thead>
              <tr>
                <th scope="col">{t.settings.userEmail}</th>
                <th scope="col">{t.settings.userRole}</th>
                <th scope="col">{t.settings.status}</th>
              </tr>
            </thead>
            <tbody>
              {users.data.users.map((user) => (
                <tr key={user.id}>
                  <td>{user.email}</td>
                  <td>
                    <select
                      aria-label={`${t.settings.userRole} ${user.email}`}
                      value={user.role ?? ""}
                      onChange={(e) => update.mutate({ id: user.id, role: e.target.value as Role })}
                    >
                      {ROLES.map((role) => (
                        <option key={role} value={role}>
                          {t.roles[role]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {user.disabled ? `${t.settings.disabled} ` : `${t.settings.active} `}
                    <button
                      type="button"
                      className={user.disabled ? "button-quiet" : "button-danger"}
                      aria-label={`${user.disabled ? t.settings.enable : t.settings.disable} ${user.email}`}
                      onClick={() => update.mutate({ id: user.id, disabled: !user.disabled })}
                    >
                      {user.disabled ? t.settings.enable : t.settings.disable}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
