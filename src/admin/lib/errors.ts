import type { useTranslation } from "react-i18next"

type TFunction = ReturnType<typeof useTranslation>["t"]

export const httpStatusOf = (error: unknown): number | undefined =>
  typeof (error as { status?: unknown })?.status === "number" ? (error as { status: number }).status : undefined

/** A refusal of our routes as a title in the admin's language, with the server's own words as detail. */
export function describeError(error: unknown, t: TFunction): { title: string; detail?: string } {
  const detail = error instanceof Error && error.message ? error.message : undefined
  switch (httpStatusOf(error)) {
    case 424:
      return { title: t("alliancePay.errors.bankUnreachable"), detail }
    case 422:
      return { title: t("alliancePay.errors.bankRejected"), detail }
    case 409:
      return { title: t("alliancePay.errors.busy"), detail }
    case 401:
    case 403:
      return { title: t("alliancePay.errors.notAllowed"), detail }
    default:
      return { title: t("alliancePay.errors.generic"), detail }
  }
}
