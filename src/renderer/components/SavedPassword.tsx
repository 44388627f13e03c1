import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../shared/contract';
import { call } from '../services/api';
import { useUiStore } from '../stores/ui-store';

type PasswordState = ChannelOutput<'server-password-state'>;

/** How long typing in the address may pause before the password saved for it is looked up (not at every key). */
const LOOKUP_AFTER_MS = 250;

const SAVED_HINTS: Record<NonNullable<PasswordState['saved']>, string> = {
  kept: '已保存密码（本机系统密钥库）：密码可不填。',
  'this-run': '本次运行中已输入过该地址的密码：密码可不填。',
};

/**
 * Under the password field of 团队工作簿: whether a password is saved for the address typed (and 忘记已保存的密码),
 * and for 打开 the 记住密码 box — disabled, with the reason, where the machine has no key store to keep it in. A
 * password already kept ticks the box, so opening again keeps it unless the user unticks it.
 */
export function SavedPassword({
  address,
  attempts,
  offerRemember,
  remember,
  onRememberChange,
  onLookedUp,
}: {
  address: string;
  /** asked again whenever this changes: after an open, an upload or a copy, whatever became of it */
  attempts: number;
  offerRemember: boolean;
  remember: boolean;
  onRememberChange: (remember: boolean) => void;
  /** what is kept for the address is known now: a kept password ticks the box, none leaves the user's choice */
  onLookedUp: (kept: boolean) => void;
}): React.JSX.Element {
  const [state, setState] = useState<PasswordState | null>(null);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      call('server-password-state', { address: address.trim() })
        .then((answer) => {
          if (!current) return;
          setState(answer);
          onLookedUp(answer.saved === 'kept');
        })
        // only a hint: the open itself says what is wrong with the address
        .catch(() => undefined);
    }, LOOKUP_AFTER_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [address, attempts, onLookedUp]);

  const forget = async (): Promise<void> => {
    try {
      setState(await call('server-password-forget', { address: address.trim() }));
      onRememberChange(false);
    } catch (error) {
      useUiStore.getState().showError(error);
    }
  };

  const keyStoreProblem = state?.keyStore ?? null;
  return (
    <>
      {state?.saved && (
        <div className="form-row">
          <p className="hint" data-testid="saved-password">
            {SAVED_HINTS[state.saved]}
          </p>
          <button type="button" onClick={() => void forget()}>
            {state.saved === 'kept' ? '忘记已保存的密码' : '忘记本次输入的密码'}
          </button>
        </div>
      )}
      {offerRemember && (
        <label className="form-row" title={keyStoreProblem ?? '密码由本机系统密钥库加密后保存，下次打开不必再输入'}>
          <input
            type="checkbox"
            checked={remember && state !== null && keyStoreProblem === null}
            disabled={state === null || keyStoreProblem !== null}
            onChange={(event) => onRememberChange(event.target.checked)}
          />
          记住密码（保存在本机系统密钥库）
        </label>
      )}
      {offerRemember && keyStoreProblem && <p className="hint">{keyStoreProblem}</p>}
    </>
  );
}
