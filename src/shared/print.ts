import { cssFontFamily, UI_FONTS } from './fonts';

/** Page setup shared by the app's printToPDF, the tests' page.pdf and the CLI: A4 landscape, page numbers. */
export const PDF_FOOTER_TEMPLATE = `<div style="font-size:8px;width:100%;text-align:center;color:#555;font-family:${cssFontFamily(UI_FONTS)};">第 <span class="pageNumber"></span> 页 ／ 共 <span class="totalPages"></span> 页</div>`;
export const PDF_HEADER_TEMPLATE = '<div></div>';
/** margins in millimetres */
export const PDF_MARGINS_MM = { top: 12, bottom: 14, left: 12, right: 12 };
