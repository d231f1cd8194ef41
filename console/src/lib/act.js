// A person's action on the server: "done" when it worked, the server's refusal shown plainly
// when not; a prompt the person cancelled is no error. Returns true on success.
import { ElMessage } from 'element-plus';
import { i18n, errorText } from '../i18n.js';

export async function act(fn, after) {
  try {
    await fn();
    ElMessage.success(i18n.global.t('common.done'));
    if (after) {
      await after();
    }
    return true;
  } catch (e) {
    if (e !== 'cancel' && e !== 'close') {
      ElMessage.error(errorText(e));
    }
    return false;
  }
}
