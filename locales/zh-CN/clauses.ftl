# 合同的 SLA 条款页面：条款列表、新增与修改条款（扣款与奖励方案、旺季目标）。

clause-list-title = SLA 条款
clause-new-title = 新增 SLA 条款
clause-edit-title = SLA 条款
clause-list-intro = 每条 SLA 条款约定一项指标的目标，以及未达标时的扣款、优于目标时的奖励。每条条款下方用文字说明其含义。
clause-none = 尚无 SLA 条款。
clause-add = 新增条款
clause-edit = 修改
clause-view = 查看
clause-version = 当前显示的条款版本：{ $version }
clause-signed = 合同已签署，且没有拟订中的补充协议，条款不能直接修改。
clause-signed-link = 前往“签署与变更”页面发起补充协议
clause-signed-refused = 未保存：合同已签署，且没有拟订中的补充协议。
clause-closed = 合同已终止或已到期，条款不能再修改。
clause-done-added = 条款已添加。
clause-done-saved = 条款已保存。
clause-done-removed = 条款已删除。
clause-back-to-contract = 返回合同概览
clause-back-to-list = 返回条款列表
clause-column-costs = 扣款与奖励
clause-column-applies = 适用
clause-costs-penalty = 扣款：{ $shape }
clause-costs-bonus = 奖励：{ $shape }
clause-applies-from = 自“{ $phase }”阶段起
clause-applies-grace = 阶段开始后 { $days } 天内不考核
clause-applies-windows = 特殊目标：{ $labels }
clause-direction-at-least = 不低于
clause-direction-at-most = 不超过
clause-all-phases = 所有阶段
clause-meaning = 条款含义

clause-section-what = 指标与目标
clause-field-name = 条款名称
clause-field-metric = 指标
clause-field-target = 目标值
clause-field-category = 扣款类别
clause-target-explained = 目标值按指标的单位填写：百分比填 99.5 表示 99.5%，时长按秒填写。指标本身决定越高越好还是越低越好。
clause-period = 考核周期：按自然月考核，当月数据汇总后与目标比较。
clause-metric-option = { $metric }（{ $unit }，{ $better ->
    [higher] 越高越好
   *[lower] 越低越好
}）
clause-unit-count = 数量
clause-unit-percent = 百分比
clause-unit-seconds = 秒
clause-unit-money = 金额
clause-unit-score = 分

clause-section-when = 何时考核
clause-field-from-phase = 自哪个移交阶段起适用
clause-field-grace-days = 阶段开始后的宽限天数
clause-field-min-sample = 最低样本量
clause-when-explained = 宽限期内的天数不计入考核；当月样本量（如接待会话数）低于最低样本量时，该月不考核。
clause-field-missing-data = 缺少数据时
clause-missing-breach = 视为未达标（按最严重一档或最高扣款额计）
clause-missing-waive = 不考核，仅作记录

clause-section-penalty = 扣款方案
clause-section-bonus = 奖励方案
clause-shape-none = 不设
clause-shape-bands = 按档位
clause-shape-per-step = 按级距
clause-shape-fixed = 固定金额
clause-penalty-legend = 扣款方式
clause-bonus-legend = 奖励方式
clause-penalty-bands-explained = 按档位：阈值从目标开始，往差的方向依次排列；当月实际值达到哪一档，就按该档扣款，只取最严重的一档，不累加。每档填写金额，或填写费用基数的百分比（基数为所选费用类型的当月合计）。空白行不计。
clause-bonus-bands-explained = 按档位：阈值从目标开始，往好的方向依次排列；当月实际值达到哪一档，就按该档奖励，只取最好的一档，不累加。每档填写金额，或填写费用基数的百分比。空白行不计。
clause-penalty-per-step-explained = 按级距：实际值每比目标差一个级距，扣一笔金额，可设最高扣款额。例如首次响应时间每超出 1 秒扣 50 元，最多扣 2,000 元。
clause-bonus-per-step-explained = 按级距：实际值每比目标好一个级距，奖励一笔金额，可设最高奖励额。
clause-penalty-fixed-explained = 固定金额：每个考核月未达目标，扣一笔固定金额。
clause-bonus-fixed-explained = 固定金额：每个考核月达到目标，奖励一笔固定金额。
clause-penalty-amount = 扣款金额
clause-bonus-amount = 奖励金额
clause-penalty-step-amount = 每级扣款
clause-bonus-step-amount = 每级奖励
clause-penalty-fixed-amount = 每次扣款
clause-bonus-fixed-amount = 每次奖励
clause-fee-base = 百分比的费用基数：
clause-no-charges = 合同尚无费用，按百分比计算前请先添加费用。
clause-band = 档
clause-threshold = 阈值
clause-inclusive = 含阈值本数
clause-percent = 或基数百分比（%）
clause-step = 级距
clause-max = 最高金额（元，可不填）
clause-counting = 不足一级时
clause-conditions = 奖励的附加条件
clause-conditions-explained = 以下条件须同时满足才发放奖励，例如 DSR 服务评分不低于 4.8。空白行不计。
clause-condition-threshold = 须达到
clause-conditions-without-bonus = 附加条件只适用于奖励：请先选择奖励方式

clause-section-overrides = 旺季特殊目标
clause-overrides-explained = 大促期间（如双11、618）可另设目标：日期范围内（含首尾两天）按此目标考核，扣款与奖励方案不变。空白行不计。
clause-override-label = 名称（如 双11）
clause-override-from = 开始日期
clause-override-to = 结束日期
clause-override-target = 期间目标值
clause-date-wanted = 请按 年-月-日 填写日期

clause-save = 保存条款
clause-cancel = 取消
clause-remove = 删除此条款

clause-words-target = { $metric }按月考核，目标{ $direction ->
    [higher] 不低于
   *[lower] 不超过
} { $target }
clause-words-penalty = 扣款：{ $schedule }
clause-words-bonus = 奖励：{ $schedule }
clause-words-bonus-conditions = 奖励须同时满足：{ $conditions }
clause-words-override = { $label }期间（{ $from } 至 { $to }）目标{ $direction ->
    [higher] 不低于
   *[lower] 不超过
} { $target }
clause-words-from-phase = 自“{ $phase }”阶段起适用
clause-words-all-phases = 适用于所有阶段
clause-words-grace = 每个阶段开始后 { $days } 天内不考核
clause-words-min-sample = 当月样本量不足 { $sample } 时不考核
clause-words-missing-breach = 缺少数据时视为未达标
clause-words-missing-waive = 缺少数据时不考核
clause-words-category = 扣款类别：{ $category }
clause-date-placeholder = 年-月-日
clause-refused = 未保存：请按标出的说明修改后再保存。
