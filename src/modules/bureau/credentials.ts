import type { Config } from '../../platform/config.ts';
import type { MiitCredentials } from './miit/client.ts';

/**
 * The provider's bureau account from the configuration (BEIAN_BUREAU_ISP_ID, _USER, _PASSWORD, _AES_KEY, _AES_IV,
 * _ENCRYPT; `loadConfig` has already refused partial accounts and production without one). Empty in demo mode without
 * an account: the module then uses the simulator's demo account.
 */
export function bureauAccountOf(config: Config): { credentials?: MiitCredentials; encryptUploads?: boolean } {
  if (config.BEIAN_BUREAU_ISP_ID === undefined) return {};
  const aes =
    config.BEIAN_BUREAU_AES_KEY && config.BEIAN_BUREAU_AES_IV
      ? { aes: { key: config.BEIAN_BUREAU_AES_KEY, iv: config.BEIAN_BUREAU_AES_IV } }
      : {};
  return {
    credentials: {
      ispId: config.BEIAN_BUREAU_ISP_ID,
      userName: config.BEIAN_BUREAU_USER.trim(),
      password: config.BEIAN_BUREAU_PASSWORD,
      ...aes,
    },
    ...(config.BEIAN_BUREAU_ENCRYPT !== undefined ? { encryptUploads: config.BEIAN_BUREAU_ENCRYPT } : {}),
  };
}
