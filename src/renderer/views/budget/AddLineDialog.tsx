import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { useBudgetStore } from '../../stores/budget-store';

/** A new baseline line: code, name, amount in 万元. */
export function AddLineDialog({ onClose }: { onClose(): void }): React.JSX.Element {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [amount, setAmount] = useState('');
  const add = async (): Promise<void> => {
    if (await useBudgetStore.getState().addLine({ code, name, amount })) onClose();
  };
  return (
    <Dialog
      title="新增预算行"
      width="narrow"
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button type="button" className="primary" onClick={() => void add()}>
            新增
          </button>
        </>
      }
    >
      <label className="field">
        科目编码（功能分类，如 2050202）
        <input value={code} onChange={(e) => setCode(e.target.value)} aria-label="科目编码" />
      </label>
      <label className="field">
        科目名称
        <input value={name} onChange={(e) => setName(e.target.value)} aria-label="科目名称" />
      </label>
      <label className="field">
        金额（万元，也可输入“3.4亿”“800元”）
        <input value={amount} onChange={(e) => setAmount(e.target.value)} aria-label="金额" />
      </label>
    </Dialog>
  );
}
