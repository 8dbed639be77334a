"""Chinese labels (中文标签) for the register's stable English keys: the kinds of entries in an
asset's history and the rules of the audit.

    >>> taizhang.labels_zh["asset_registered"]
    '资产登记'
    >>> taizhang.labels_zh["not_stocktaken"]
    '未按期清查'

The keys are what the library returns (``Registry.history()["kind"]``, ``Registry.audit()["rule"]``,
``Ledger.entry(n)["kind"]``); the labels are for people, never for matching.
"""

from __future__ import annotations

__all__ = ["entry_kinds_zh", "audit_rules_zh", "labels_zh", "label_zh"]

entry_kinds_zh = {
    "register_initialized": "台账建立",
    "actor_key_enrolled": "登记经办人员及密钥",
    "actor_key_rotated": "更换经办人员密钥",
    "actor_key_revoked": "注销经办人员密钥",
    "division_defined": "行政区划登记",
    "party_registered": "主体登记",
    "asset_registered": "资产登记",
    "asset_status_changed": "资产状态变更",
    "ownership_confirmed": "确权",
    "asset_corrected": "资产信息更正",
    "right_bound": "权能落实",
    "operation_contracted": "经营合同",
    "maintenance_bound": "管护责任落实",
    "inspected": "巡查或清查",
    "value_changed": "价值变动",
    "depreciation_planned": "折旧方案",
    "units_recorded": "工作量登记",
    "policy_defined": "政策参数",
    "disposal_requested": "处置申请",
    "disposal_step": "处置审批",
    "disposal_withdrawn": "处置撤回",
    "disposal_executed": "处置执行",
    "income_recorded": "收益登记",
    "beneficiary_changed": "受益对象变动",
    "plan_approved": "收益分配方案",
    "allocation_recorded": "收益分配",
    "resolution_adopted": "会议决议",
    "notice_posted": "公示",
    "objection_recorded": "公示异议",
    "asset_handed_over": "资产移交",
}

audit_rules_zh = {
    "unconfirmed_ownership": "权属未确认",
    "no_maintenance_binding": "管护责任未落实",
    "inspection_overdue": "巡查超期",
    "operating_asset_idle": "经营性资产闲置低效",
    "contract_expiring": "经营合同即将到期",
    "contract_expired": "经营合同已到期",
    "funding_mismatch": "资金来源与原值不符",
    "shares_not_one": "份额合计不为1",
    "income_not_allocated": "收益未按期分配",
    "disposal_proceeds_not_reallocated": "处置收入未按期再分配",
    "guarantee_not_paid": "保底收益未足额支付",
    "beneficiary_paid_after_removal": "移出后仍获分配",
    "allocation_result_not_published": "分配结果未公示",
    "disposal_result_not_published": "处置结果未公示",
    "not_stocktaken": "未按期清查",
}

labels_zh = {**entry_kinds_zh, **audit_rules_zh}


def label_zh(key) -> str:
    """The Chinese label of a kind or rule; the key itself for one without a label (a kind a
    later version of the library added)."""
    return labels_zh.get(key, key)
