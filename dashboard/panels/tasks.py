"""Task panels: the headline task count and progress by task group and by lead agency."""


def task_panels(choice, *, user):
    raise NotImplementedError  # written by the task-panels branch
