export { StatisticsView as default } from "./StatisticsView.tsx";
