import {
  CellApiModule,
  CellStyleModule,
  CheckboxEditorModule,
  ClientSideRowModelApiModule,
  ClientSideRowModelModule,
  ColumnApiModule,
  ColumnAutoSizeModule,
  EventApiModule,
  CustomEditorModule,
  CustomFilterModule,
  DateEditorModule,
  DateFilterModule,
  ExternalFilterModule,
  HighlightChangesModule,
  LocaleModule,
  ModuleRegistry,
  NumberEditorModule,
  NumberFilterModule,
  PinnedRowModule,
  RenderApiModule,
  RowApiModule,
  RowSelectionModule,
  RowStyleModule,
  ScrollApiModule,
  SelectEditorModule,
  TextEditorModule,
  TextFilterModule,
  themeQuartz,
  TooltipModule,
} from 'ag-grid-community';
import { UI_FONTS } from '../../shared/fonts';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';

/**
 * Only the grid features the views use (AllCommunityModule added about a megabyte to the first screen's
 * script). A feature used without its module makes AG Grid log "error #200" — the end-to-end tests fail on any
 * AG Grid console error, so a missing module shows up there.
 */
ModuleRegistry.registerModules([
  // the cells someone else changed flash once when the rows are reread (SheetGrid)
  HighlightChangesModule,
  // SheetGrid fits marked columns to their content (fit-content.ts)
  ColumnAutoSizeModule,
  ClientSideRowModelModule,
  ClientSideRowModelApiModule,
  TextEditorModule,
  NumberEditorModule,
  DateEditorModule,
  CheckboxEditorModule,
  SelectEditorModule,
  CustomEditorModule,
  CustomFilterModule,
  TextFilterModule,
  NumberFilterModule,
  DateFilterModule,
  ExternalFilterModule,
  PinnedRowModule,
  TooltipModule,
  RowSelectionModule,
  CellApiModule,
  CellStyleModule,
  RowStyleModule,
  ColumnApiModule,
  EventApiModule,
  RowApiModule,
  RenderApiModule,
  ScrollApiModule,
  LocaleModule,
]);

/** One theme for every grid: compact rows for a 1366×768 screen, a CJK-capable font stack. */
export const gridTheme = themeQuartz.withParams({
  fontFamily: [...UI_FONTS],
  fontSize: 13,
  rowHeight: 30,
  headerHeight: 32,
  spacing: 6,
  headerBackgroundColor: '#eef2f7',
  accentColor: '#1f5fa8',
});

export const gridLocale = AG_GRID_LOCALE_CN;
