/** The bank device connection as an admin may see it: times and the last error, never a token or the device id. */
export interface ConnectionStatus {
  connected: boolean
  expires_at: string | null
  obtained_at: string | null
  last_error: string | null
  last_error_at: string | null
}

interface DeviceSessionRow {
  sealed_credentials?: string | null
  expires_at?: Date | string | null
  obtained_at?: Date | string | null
  last_error?: string | null
  last_error_at?: Date | string | null
}

const iso = (value: Date | string | null | undefined) => (value ? new Date(value).toISOString() : null)

export function connectionStatusOf(row: DeviceSessionRow | undefined, now: number): ConnectionStatus {
  const expiresAt = row?.expires_at ? new Date(row.expires_at).getTime() : null
  return {
    connected: !!row?.sealed_credentials && expiresAt !== null && expiresAt > now,
    expires_at: iso(row?.expires_at),
    obtained_at: iso(row?.obtained_at),
    last_error: row?.last_error ?? null,
    last_error_at: iso(row?.last_error_at),
  }
}
