import { productName, version } from '../../../package.json';
import { useTaskStore } from '../stores/task-store';
import { useUiStore } from '../stores/ui-store';
import { Dialog } from './Dialog';

/** 帮助 → 关于: the product, its version and the open workbook (what support asks for first). */
export function AboutDialog(): React.JSX.Element {
  const workbookPath = useTaskStore((state) => state.workbookPath);
  const close = (): void => useUiStore.getState().setAboutOpen(false);
  return (
    <Dialog
      title={`关于${productName}`}
      onClose={close}
      testId="about-dialog"
      width="narrow"
      footer={
        <button type="button" className="primary" onClick={close}>
          确定
        </button>
      }
    >
      <p>
        <strong>{productName}</strong> 版本 {version}
      </p>
      <p>工作簿：{workbookPath ?? '（未打开）'}</p>
      <p className="hint">离线使用：数据只保存在上面的工作簿文件中，不连接网络。</p>
    </Dialog>
  );
}
