import { lazy } from 'react';
import { Route, Routes } from 'react-router-dom';

const ReviewConsole = lazy(() => import('./ReviewConsole'));
const ReviewPage = lazy(() => import('./ReviewPage'));
const StatisticsPage = lazy(() => import('./StatisticsPage'));
const StaffHome = lazy(() => import('../staff/StaffHome'));
const SharedPicturesPage = lazy(() => import('./SharedPicturesPage'));
// A 考点审核员 manages its site's own requirement rules on the admin rules page's site panel.
const RulesPage = lazy(() => import('../admin/RulesPage'));

/**
 * The staff pages under /review: the queue (the staff landing), statistics and export,
 * the account card (who you are, what you cover), and one candidate's review page.
 */
export default function ReviewRoutes() {
  return (
    <Routes>
      <Route index element={<ReviewConsole />} />
      <Route path="statistics" element={<StatisticsPage />} />
      <Route path="account" element={<StaffHome />} />
      <Route path="shared-pictures" element={<SharedPicturesPage />} />
      <Route path="site-rules" element={<RulesPage />} />
      <Route path=":registrationNo" element={<ReviewPage />} />
    </Routes>
  );
}
